//! Snapshots of every kind of evaluator error user code can cause, as the
//! user sees it: the `Display` of the `EvalError` (Clojure's phase and
//! exception class, the innermost frame, `file:line:column`, the message).
//!
//! Each case is a small program evaluated with the file name `script.clj`;
//! besides the snapshot of all messages of a group, each case asserts the
//! `EvalErrorKind` it must raise, so a snapshot cannot silently accept an
//! error of another kind. Cases that need state (an atom after a failed
//! `swap!`, the interpreter after a stack overflow) assert it too.
//!
//! Not covered, because user code cannot cause them: `MissingNative` (an env
//! written by a binary with more natives), `Heap` (a broken or full env
//! file).

#![allow(clippy::unwrap_used)] // test helpers may unwrap

use evelisp_eval::Interp;
use evelisp_eval::{EvalError, EvalErrorKind};

mod common;

use common::{env, ev};

/// The file name every case is evaluated with.
const FILE: &str = "script.clj";

/// Evaluates `src` as the file `script.clj` and returns its error (panics
/// if it succeeds).
fn error_of(i: &Interp<'_>, src: &str) -> EvalError {
    match i.eval_str(src, Some(FILE)) {
        Ok(_) => panic!("expected an error from {src}"),
        Err(e) => e,
    }
}

/// One case: a label, the program, and the check its error's kind must pass.
type Case = (&'static str, &'static str, fn(&EvalErrorKind) -> bool);

/// Evaluates each `(label, source, check)` case, asserts `check` on the
/// error's kind, and renders all of them as one text for a snapshot:
/// a `;; label` line, the source, and `=> ` with the error's `Display`.
fn render(i: &Interp<'_>, cases: &[Case]) -> String {
    let mut out = String::new();
    let mut wrong = Vec::new();
    for (label, src, check) in cases {
        let e = error_of(i, src);
        if !check(&e.kind) {
            wrong.push(format!("{label}: unexpected kind {:?}", e.kind));
        }
        out.push_str(&format!(";; {label}\n{src}\n=> {e}\n\n"));
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    out
}

/// A fresh interpreter over an env file in `dir`.
fn interp<'e>(env: &'e evelisp_heap::Env) -> Interp<'e> {
    Interp::new(env).unwrap()
}

/// Symbols and namespaces that resolve to nothing, and unbound vars.
#[test]
fn resolution_errors() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = interp(&env);
    ev(&i, "(def declared)");
    let text = render(
        &i,
        &[
            (
                "unresolved symbol at top level",
                "undefined-thing",
                |k| matches!(k, EvalErrorKind::UnresolvedSymbol(s) if s == "undefined-thing"),
            ),
            (
                "unresolved symbol deep in a form",
                "(do\n  (+ 1\n     (undefined-thing)))",
                |k| matches!(k, EvalErrorKind::UnresolvedSymbol(_)),
            ),
            (
                "unresolved symbol inside a fn body",
                "(def f\n  (fn* [x]\n    (+ x y)))",
                |k| matches!(k, EvalErrorKind::UnresolvedSymbol(s) if s == "y"),
            ),
            (
                "no such namespace",
                "(foo/bar 1)",
                |k| matches!(k, EvalErrorKind::NoSuchNamespace(s) if s == "foo"),
            ),
            ("unbound var called", "(declared 1)", |k| {
                matches!(k, EvalErrorKind::UnboundVar(_))
            }),
        ],
    );
    insta::assert_snapshot!(text);
}

/// Calls that go wrong at run time: arity, non-functions, wrong types,
/// arithmetic, indexes.
#[test]
fn runtime_errors() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = interp(&env);
    ev(&i, "(def f (fn* [x] x))");
    ev(&i, "(def g (fn* ([] 0) ([a b] a)))");
    let text = render(
        &i,
        &[
            (
                "arity of a var-named fn",
                "(f 1 2)",
                |k| matches!(k, EvalErrorKind::Arity { count: 2, name } if name == "user/f"),
            ),
            ("arity with several overloads", "\n\n(g 1)", |k| {
                matches!(k, EvalErrorKind::Arity { count: 1, .. })
            }),
            ("arity of an anonymous fn", "((fn* [x] x))", |k| {
                matches!(k, EvalErrorKind::Arity { count: 0, .. })
            }),
            (
                "arity of a named fn* (not a var)",
                "((fn* named [x] x) 1 2 3)",
                |k| matches!(k, EvalErrorKind::Arity { count: 3, .. }),
            ),
            ("arity of a native", "(inc 1 2)", |k| {
                matches!(k, EvalErrorKind::Arity { count: 2, .. })
            }),
            ("calling a number", "(1 2)", |k| {
                matches!(k, EvalErrorKind::NotAFunction(_))
            }),
            (
                "calling a string through a local",
                "(let* [s \"text\"]\n  (s 1))",
                |k| matches!(k, EvalErrorKind::NotAFunction(_)),
            ),
            ("calling nil", "(nil)", |k| {
                matches!(k, EvalErrorKind::NullPointer(_))
            }),
            ("adding a string", "(+ 1 \"a\")", |k| {
                matches!(k, EvalErrorKind::ClassCast(_))
            }),
            ("comparing a keyword", "(< 1 :k)", |k| {
                matches!(k, EvalErrorKind::ClassCast(_))
            }),
            (
                "long overflow in +",
                "(+ 9223372036854775807 1)",
                |k| matches!(k, EvalErrorKind::Arithmetic(s) if s == "long overflow"),
            ),
            ("long overflow in inc", "(inc 9223372036854775807)", |k| {
                matches!(k, EvalErrorKind::Arithmetic(_))
            }),
            ("long overflow in *", "(* 9223372036854775807 2)", |k| {
                matches!(k, EvalErrorKind::Arithmetic(_))
            }),
            ("index out of bounds", "(nth [1 2 3] 5)", |k| {
                matches!(k, EvalErrorKind::IndexOutOfBounds(_))
            }),
            ("negative index", "(nth '(1 2) -1)", |k| {
                matches!(k, EvalErrorKind::IndexOutOfBounds(_))
            }),
        ],
    );
    insta::assert_snapshot!(text);
}

/// Values thrown with `throw` and never caught.
#[test]
fn uncaught_throws() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = interp(&env);
    ev(
        &i,
        "(def fail (fn* [x] (throw (ex-info \"bad input\" {:x x}))))",
    );
    let text = render(
        &i,
        &[
            (
                "ex-info thrown at top level",
                "(throw (ex-info \"boom\" {:a 1}))",
                |k| matches!(k, EvalErrorKind::Thrown(_)),
            ),
            ("ex-info thrown inside a fn", "(do\n  (fail 42))", |k| {
                matches!(k, EvalErrorKind::Thrown(_))
            }),
            ("a keyword thrown", "(throw :boom)", |k| {
                matches!(k, EvalErrorKind::Thrown(_))
            }),
            (
                "not caught by a catch of another class",
                "(try\n  (throw (ex-info \"nope\" {}))\n  (catch ArithmeticException e 1))",
                |k| matches!(k, EvalErrorKind::Thrown(_)),
            ),
            (
                "a runtime error rethrown from catch",
                "(try (+ 9223372036854775807 1)\n  (catch ArithmeticException e (throw e)))",
                |_| true,
            ),
        ],
    );
    insta::assert_snapshot!(text);
}

/// A caught error thrown again keeps its class, so an outer `catch` of
/// that class takes it (as in Clojure), and an `ExceptionInfo` catch does
/// not; uncaught, it is reported with its class (see the last case of
/// `uncaught_throws`).
#[test]
fn a_rethrown_error_keeps_its_class() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = interp(&env);
    assert_eq!(
        ev(
            &i,
            "(try (try (+ 9223372036854775807 1) (catch ArithmeticException e (throw e))) \
             (catch ArithmeticException e :caught-again))"
        ),
        ":caught-again"
    );
    assert_eq!(
        ev(
            &i,
            "(try (try (nth [] 3) (catch Exception e (throw e))) \
             (catch clojure.lang.ExceptionInfo e :info) (catch IndexOutOfBoundsException e (ex-message e)))"
        ),
        "\"index 3 out of bounds\""
    );
    let e = error_of(
        &i,
        "(try (+ 9223372036854775807 1)\n  (catch ArithmeticException e (throw e)))",
    );
    assert_eq!(e.kind.class_name(), "ArithmeticException");
}

/// A read error carries its position as a field (not in its message), and
/// displays as Clojure's "Syntax error reading source at (file:line:col)".
#[test]
fn a_read_error_has_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = interp(&env);
    let e = error_of(&i, "(+ 1\n   (inc 2)");
    assert_eq!(
        e.position,
        Some(evelisp_eval::Position {
            file: Some(FILE.into()),
            line: 2,
            column: 11
        })
    );
    assert_eq!(
        e.to_string(),
        "Syntax error reading source at (script.clj:2:11): unterminated list starting at 1:1"
    );
}

/// An error in a form nested in a top-level form is placed at the nested
/// form, and a `throw` at the place it is written.
#[test]
fn errors_are_placed_at_the_inner_form() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = interp(&env);
    let line_col = |src: &str| {
        let p = error_of(&i, src).into_data().position.unwrap();
        (p.line, p.column)
    };
    assert_eq!(line_col("(loop* [i 0]\n  (inc (recur i)))"), (2, 8));
    assert_eq!(line_col("[1\n (if 1 2 3 4)]"), (2, 2));
    assert_eq!(line_col("(fn* [x]\n  (throw))"), (2, 3));
    assert_eq!(line_col("(do\n  ::nope/k)"), (2, 3));
    i.eval_str(
        "(def fail\n  (fn* [x]\n    (throw (ex-info \"bad\" {}))))",
        Some(FILE),
    )
    .unwrap();
    assert_eq!(line_col("(do\n  (fail 42))"), (3, 5));
}

/// Special forms written wrongly, `recur` misplaced, `def` elsewhere.
#[test]
fn special_form_syntax_errors() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = interp(&env);
    ev(&i, "(ns other.place) (def here 1) (in-ns 'user)");
    let syntax = |k: &EvalErrorKind| matches!(k, EvalErrorKind::Syntax { .. });
    let recur = |k: &EvalErrorKind| matches!(k, EvalErrorKind::Recur(_));
    let text = render(
        &i,
        &[
            ("let* with an odd binding vector", "(let* [a] a)", syntax),
            ("let* without a binding vector", "(let* a 1)", syntax),
            ("let* binding a number", "(let* [1 2] 3)", syntax),
            (
                "let* binding a qualified symbol",
                "(let* [a/b 1] 2)",
                syntax,
            ),
            ("loop* with an odd binding vector", "(loop* [i] i)", syntax),
            (
                "let* with an odd binding vector, nested",
                "(do 1\n  (let* [a] a))",
                syntax,
            ),
            (
                "fn* with two overloads of one arity, nested",
                "(let* [x 1]\n  (fn* ([a] 1) ([b] 2)))",
                syntax,
            ),
            (
                "if with too many forms, nested",
                "[1\n (if 1 2 3 4)]",
                syntax,
            ),
            (
                "throw with no value, nested in a fn",
                "(fn* [x]\n  (throw))",
                syntax,
            ),
            ("recur outside a loop", "(recur 1)", recur),
            (
                "recur not in tail position",
                "(loop* [i 0]\n  (inc (recur i)))",
                recur,
            ),
            (
                "recur in a fn not in tail position",
                "(fn* [x]\n  (do (recur x) 1))",
                recur,
            ),
            (
                "recur with the wrong number of values",
                "(loop* [a 1 b 2]\n  (recur 1))",
                recur,
            ),
            (
                "recur across try",
                "(loop* [i 0] (try (recur 1) (catch Exception e 0)))",
                recur,
            ),
            ("def without a name", "(def)", syntax),
            ("def of a number", "(def 1 2)", syntax),
            (
                "def of a qualified name in another namespace",
                "(def other.place/x 1)",
                syntax,
            ),
            (
                "def of a name referring to another namespace's var",
                "(ns mine (:require [other.place :refer [here]]))\n(def here 2)",
                syntax,
            ),
            ("fn* without parameters", "(fn* )", syntax),
            ("fn* with a number as parameters", "(fn* 1 2)", syntax),
            ("fn* with a bad parameter", "(fn* [1] 2)", syntax),
            ("fn* with & and two names", "(fn* [& a b] a)", syntax),
            (
                "fn* with two overloads of one arity",
                "(fn* ([a] 1) ([b] 2))",
                syntax,
            ),
            (
                "fn* with two variadic overloads",
                "(fn* ([& a] 1) ([x & b] 2))",
                syntax,
            ),
            ("if with too many forms", "(if 1 2 3 4)", syntax),
            ("if with no test", "(if)", syntax),
            ("quote with two forms", "(quote a b)", syntax),
            ("var of a number", "(var 1)", syntax),
            ("var of an unknown name", "(var nothing-here)", |k| {
                matches!(k, EvalErrorKind::UnresolvedSymbol(_))
            }),
            ("throw with no value", "(throw)", syntax),
            ("catch without a name", "(try 1 (catch Exception))", syntax),
            (
                "catch after finally",
                "(try 1 (finally 2) (catch Exception e 3))",
                syntax,
            ),
            (
                "two finally clauses",
                "(try 1 (finally 2) (finally 3))",
                syntax,
            ),
            ("letfn* with a bad binding", "(letfn* [f 1] (f))", syntax),
            ("binding with an odd vector", "(binding [a] 1)", syntax),
            ("set! of a local", "(let* [x 1] (set! x 2))", syntax),
            ("set! with no value", "(set! *ns*)", syntax),
            ("ns without a name", "(ns)", syntax),
        ],
    );
    insta::assert_snapshot!(text);
}

/// Text that cannot be read, or read forms the evaluator cannot take.
#[test]
fn read_convert_and_desugar_errors() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = interp(&env);
    let read = |k: &EvalErrorKind| matches!(k, EvalErrorKind::Read(_));
    let text = render(
        &i,
        &[
            ("unclosed list", "(+ 1\n   (inc 2)", read),
            ("unmatched closer", "(+ 1 2))", read),
            ("mismatched closer", "[1 2)", read),
            ("unterminated string", "(str \"abc)", read),
            ("odd map", "{:a 1 :b}", read),
            ("duplicate set element", "#{1 1}", read),
            ("bad number", "(+ 1 2x)", read),
            ("decimal scale beyond 32 bits", "(str 1E-3000000000M)", read),
            ("tag without a reader", "\n[#my/tag 1]", read),
            ("malformed #inst", "(str\n #inst \"2020-13-01\")", read),
            ("malformed #uuid", "#uuid \"xyz\"", read),
            ("unknown alias in ::k", "(do\n  ::nope/k)", |k| {
                matches!(k, EvalErrorKind::Desugar(_))
            }),
            ("unquote-splicing outside a collection", "`~@x", |k| {
                matches!(k, EvalErrorKind::Desugar(_))
            }),
        ],
    );
    insta::assert_snapshot!(text);
}

/// Dynamic binding and `*out*` rules.
#[test]
fn illegal_state_errors() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = interp(&env);
    ev(&i, "(def plain 1) (def ^:dynamic *level* 0)");
    let state = |k: &EvalErrorKind| matches!(k, EvalErrorKind::IllegalState(_));
    let text = render(
        &i,
        &[
            (
                "binding a non-dynamic var",
                "(binding [plain 2]\n  plain)",
                state,
            ),
            ("set! without a thread binding", "(set! *level* 3)", state),
            ("storing *out* in a var", "(def x *out*)", state),
            ("storing *out* in an atom", "(reset! (atom 0) *out*)", state),
        ],
    );
    insta::assert_snapshot!(text);
}

/// Writing to an `*out*` that fails.
#[test]
fn io_error_of_out() {
    /// A writer that always fails.
    struct Broken;
    impl std::io::Write for Broken {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("the pipe is gone"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = interp(&env);
    i.set_out(Box::new(Broken));
    let text = render(
        &i,
        &[(
            "println to a broken *out*",
            "(do\n  (println \"hi\"))",
            |k| matches!(k, EvalErrorKind::Io(_)),
        )],
    );
    insta::assert_snapshot!(text);
}

/// Recursion deeper than the evaluator allows; the interpreter works on
/// afterwards.
#[test]
fn stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = interp(&env);
    ev(
        &i,
        "(def deep\n  (fn* [n]\n    (if (= n 0) 0 (inc (deep (dec n))))))",
    );
    let text = render(
        &i,
        &[("unbounded recursion", "(deep 1000000)", |k| {
            matches!(k, EvalErrorKind::StackOverflow(_))
        })],
    );
    insta::assert_snapshot!(text);
    assert_eq!(ev(&i, "(deep 10)"), "10");
}

/// An error several calls deep: the position is the innermost failing form
/// and the frames name each function it passed through, innermost first.
#[test]
fn errors_in_nested_calls_show_frames() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = interp(&env);
    let program = "(def inner\n  (fn* [x]\n    (+ x :oops)))\n\
                   (def middle (fn* [x] (inner (inc x))))\n\
                   (def outer\n  (fn* [x]\n    (middle x)))\n";
    i.eval_str(program, Some("lib.clj")).unwrap();
    let e = error_of(&i, "(outer 1)");
    assert!(
        matches!(e.kind, EvalErrorKind::ClassCast(_)),
        "{:?}",
        e.kind
    );
    let arity = error_of(
        &i,
        "(def b (fn* [] 0))\n(def a (fn* [] (b 1)))\n(def c (fn* [] (a)))\n(c)",
    );
    assert!(matches!(arity.kind, EvalErrorKind::Arity { .. }));
    insta::assert_snapshot!(format!(
        "{program}\n(outer 1)\n=> {e}\nframes: {:?}\nposition: {:?}\n\n\
         (a) calling (b 1) with b of no parameters, from (c)\n=> {arity}\nframes: {:?}\n",
        e.frames, e.position, arity.frames
    ));
    assert_eq!(
        e.frames,
        ["clojure.core/+", "user/inner", "user/middle", "user/outer"]
    );
    assert_eq!(arity.frames, ["user/a", "user/c"]);
}

/// A failing `swap!` function reports its error and leaves the atom as it
/// was.
#[test]
fn an_error_inside_swap_leaves_the_atom_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let env = env(&dir);
    let i = interp(&env);
    ev(&i, "(def a (atom {:n 1}))");
    let text = render(
        &i,
        &[
            (
                "the swap! function throws",
                "(swap! a\n  (fn* [m] (throw (ex-info \"refused\" {:m m}))))",
                |k| matches!(k, EvalErrorKind::Thrown(_)),
            ),
            (
                "the swap! function fails on a wrong type",
                "(swap! a (fn* [m] (+ m 1)))",
                |k| matches!(k, EvalErrorKind::ClassCast(_)),
            ),
            (
                "swap! with a function of the wrong arity",
                "(swap! a (fn* [] 0))",
                |k| matches!(k, EvalErrorKind::Arity { .. }),
            ),
        ],
    );
    insta::assert_snapshot!(text);
    assert_eq!(ev(&i, "@a"), "{:n 1}");
}
